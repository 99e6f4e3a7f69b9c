// /skills: the skill exchange — my listings, my matches, suggestions and search (propose, accept, decline, complete).
import { FeatureGate } from "../../app/data/FeatureGate";
import { SkillListings } from "./SkillListings";
import { SkillMatches } from "./SkillMatches";
import { SkillSearch } from "./SkillSearch";
import { SuggestedMatches } from "./SuggestedMatches";
import "../../ui/panels.css";
import "./skills.css";

export default function SkillsScreen() {
  return (
    <FeatureGate flag="SKILL_EXCHANGE" title="Skill exchange" off="The skill exchange is turned off" icon="skills">
      <section class="page skills-page" aria-labelledby="skills-title">
        <header>
          <h1 id="skills-title">Skill exchange</h1>
          <p class="hint">
            Teach what you know, learn what you don't: propose a match and talk it through in a conversation.
          </p>
        </header>
        <div class="skills-grid">
          <div class="stack">
            <SkillMatches />
            <SkillListings />
          </div>
          <div class="stack">
            <SuggestedMatches />
            <SkillSearch />
          </div>
        </div>
      </section>
    </FeatureGate>
  );
}
