// Placeholder route for "New whisper": replaced by the screen itself (issue 5 / issue 7).
export default function NewWhisper() {
  return (
    <section class="page">
      <h1>New whisper</h1>
    </section>
  );
}
