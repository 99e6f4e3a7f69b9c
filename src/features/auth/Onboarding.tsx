// Placeholder route for "Welcome": replaced by the screen itself (issue 5 / issue 7).
export default function Onboarding() {
  return (
    <section class="page">
      <h1>Welcome</h1>
    </section>
  );
}
