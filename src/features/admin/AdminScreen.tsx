// Placeholder route for "Admin": replaced by the screen itself (issue 5 / issue 7).
export default function AdminScreen() {
  return (
    <section class="page">
      <h1>Admin</h1>
    </section>
  );
}
