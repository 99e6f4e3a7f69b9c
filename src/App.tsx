// The app's routes. Screens arrive with the UI issues; until then the shell says what it is.
import { Route, Router } from "@solidjs/router";

function Home() {
  return (
    <main>
      <h1>Whispers</h1>
      <p>Anonymous, mood-aware messaging that works offline.</p>
    </main>
  );
}

export function App() {
  return (
    <Router>
      <Route path="*" component={Home} />
    </Router>
  );
}
