// Placeholder route for "Scheduled whispers": replaced by the screen itself (issue 5 / issue 7).
export default function ScheduledScreen() {
  return (
    <section class="page">
      <h1>Scheduled whispers</h1>
    </section>
  );
}
