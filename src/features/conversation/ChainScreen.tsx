// Placeholder route for "Whisper chain": replaced by the screen itself (issue 5 / issue 7).
export default function ChainScreen() {
  return (
    <section class="page">
      <h1>Whisper chain</h1>
    </section>
  );
}
