// Placeholder route for "Mood match": replaced by the screen itself (issue 5 / issue 7).
export default function MoodMatchScreen() {
  return (
    <section class="page">
      <h1>Mood match</h1>
    </section>
  );
}
