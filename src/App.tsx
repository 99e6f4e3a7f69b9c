// The app's routes. Screens load lazily so the first paint ships only the shell and the current screen.
import { Navigate, Route, Router, useLocation, type RouteSectionProps } from "@solidjs/router";
import { createEffect, lazy } from "solid-js";
import { releaseListSnapshot } from "./app/listSnapshot";
import { RequireSession } from "./app/RequireSession";
import { Shell } from "./app/Shell";

const SignIn = lazy(() => import("./features/auth/SignIn"));
const Onboarding = lazy(() => import("./features/auth/Onboarding"));
const ConversationList = lazy(() => import("./features/inbox/ConversationList"));
const NewWhisper = lazy(() => import("./features/inbox/NewWhisper"));
const Conversation = lazy(() => import("./features/chat/ConversationScreen"));
const Chain = lazy(() => import("./features/chat/ChainScreen"));
const Scheduled = lazy(() => import("./features/chat/ScheduledScreen"));
const Friends = lazy(() => import("./features/friends/FriendsScreen"));
const Settings = lazy(() => import("./features/settings/SettingsScreen"));
const Mood = lazy(() => import("./features/mood/MoodScreen"));
const MoodMatch = lazy(() => import("./features/mood/MoodMatchScreen"));
const Chambers = lazy(() => import("./features/chambers/ChambersScreen"));
const NewChamber = lazy(() => import("./features/chambers/NewChamberScreen"));
const ChamberRoom = lazy(() => import("./features/chambers/ChamberRoom"));
const JoinChamber = lazy(() => import("./features/chambers/JoinChamber"));
const Skills = lazy(() => import("./features/skills/SkillsScreen"));
const Admin = lazy(() => import("./features/admin/AdminScreen"));
const Search = lazy(() => import("./features/search/SearchScreen"));

/** Beside the session's start, not after it: an offline cold start paints the list as soon as its data is read. */
function preloadFirstScreen(path: string): void {
  if (path === "/" || path === "/archived") void ConversationList.preload();
  else if (/^\/c\/[^/]+$/.test(path)) void Conversation.preload();
  else if (path === "/search") void Search.preload();
}
preloadFirstScreen(globalThis.location?.pathname ?? "");

function SignedIn(props: RouteSectionProps) {
  return (
    <RequireSession>
      <Shell>{props.children}</Shell>
    </RequireSession>
  );
}

/** Every route: the start-up snapshot is of the inbox only, so any other page replaces it at once. */
function Root(props: RouteSectionProps) {
  const location = useLocation();
  createEffect(() => {
    if (location.pathname !== "/") releaseListSnapshot();
  });
  return <>{props.children}</>;
}

export function App() {
  return (
    <Router root={Root}>
      <Route path="/signin" component={SignIn} />
      <Route path="/onboarding" component={() => <RequireSession onboarding><Onboarding /></RequireSession>} />
      <Route path="/" component={SignedIn}>
        <Route path="/" component={() => <ConversationList />} />
        <Route path="/archived" component={() => <ConversationList archived />} />
        <Route path="/new" component={NewWhisper} />
        <Route path="/c/:id" component={Conversation} />
        <Route path="/c/:id/chain/:whisperId" component={Chain} />
        <Route path="/scheduled" component={Scheduled} />
        <Route path="/friends" component={Friends} />
        <Route path="/settings" component={Settings} />
        <Route path="/mood" component={Mood} />
        <Route path="/mood/match" component={MoodMatch} />
        <Route path="/chambers" component={Chambers} />
        <Route path="/chambers/new" component={NewChamber} />
        <Route path="/chambers/:id" component={ChamberRoom} />
        <Route path="/join/:code" component={JoinChamber} />
        <Route path="/skills" component={Skills} />
        <Route path="/admin" component={Admin} />
        <Route path="/search" component={Search} />
        <Route path="*" component={() => <Navigate href="/" />} />
      </Route>
    </Router>
  );
}
