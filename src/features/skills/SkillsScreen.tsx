// Placeholder route for "Skill exchange": replaced by the screen itself (issue 5 / issue 7).
export default function SkillsScreen() {
  return (
    <section class="page">
      <h1>Skill exchange</h1>
    </section>
  );
}
