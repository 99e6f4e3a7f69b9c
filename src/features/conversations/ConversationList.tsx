// Placeholder route for "Whispers": replaced by the screen itself (issue 5 / issue 7).
export default function ConversationList(_props: { archived?: boolean }) {
  return (
    <section class="page">
      <h1>Whispers</h1>
    </section>
  );
}
