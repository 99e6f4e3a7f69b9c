// Placeholder route for "Conversation": replaced by the screen itself (issue 5 / issue 7).
export default function ConversationScreen() {
  return (
    <section class="page">
      <h1>Conversation</h1>
    </section>
  );
}
