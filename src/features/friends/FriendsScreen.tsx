// Placeholder route for "Friends": replaced by the screen itself (issue 5 / issue 7).
export default function FriendsScreen() {
  return (
    <section class="page">
      <h1>Friends</h1>
    </section>
  );
}
