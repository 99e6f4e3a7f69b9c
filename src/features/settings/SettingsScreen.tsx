// Placeholder route for "Settings": replaced by the screen itself (issue 5 / issue 7).
export default function SettingsScreen() {
  return (
    <section class="page">
      <h1>Settings</h1>
    </section>
  );
}
