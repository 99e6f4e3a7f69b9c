// Placeholder route for "Mood": replaced by the screen itself (issue 5 / issue 7).
export default function MoodScreen() {
  return (
    <section class="page">
      <h1>Mood</h1>
    </section>
  );
}
