// What would make a refused item claimable, in the analyst's words: the facts to give or change
// by their labels and the labels of their values, with what the episode says now
// (`在宅側の参加者 = [在宅療養担当医療機関、歯科、訪問看護ステーション] なら算定できます（今は …）`), the
// earlier claims a limit counted, or when the item is in force. `tariff eval` and the editor's
// Evaluate command print it under each refused item; a failing scenario, under each item it
// expects claimed that is not.
import { labelsOf } from './logic/witness';
import { BUNDLES, renderMessage, type Lang } from './messages';
import type { Situation } from './types';
import { asArray, asRecord, itemIn, itemTitle, type ScenarioDef, type Workspace } from '../model/workspace';
import { rulesOf, scenarioInput } from './scenario';
import type { EvaluateInput, EvaluateResult } from '../runtime/types';
import { evaluateRules } from '../runtime/evaluate';
import { MAX_CHANGED, whyNotOf, type WhyNot } from '../runtime/why-not';

/** How a fact the episode does not give reads, in both languages. */
const NOT_GIVEN = { ja: BUNDLES.ja['term.not-given']!, en: BUNDLES.en['term.not-given']! };

/** The answer as lines (the earlier claims a limit counted, then the facts that would raise it), or undefined where the rejection already says it all (another item decides). */
export function whyNotText(ws: Workspace, revision: string, why: WhyNot, lang: Lang): string | undefined {
  const lines = [countedText(ws, revision, why, lang), factsText(ws, why, lang), effectiveText(why, lang)].filter(
    (l): l is string => l !== undefined,
  );
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function factsText(ws: Workspace, why: WhyNot, lang: Lang): string | undefined {
  if (why.facts) {
    if (why.facts.length === 0)
      return renderMessage({ id: why.complete === false ? 'whynot.search-limit' : 'whynot.no-change', args: { max: MAX_CHANGED } }, lang);
    const situation = (values: { fact: string; value: unknown }[]): Situation => ({
      situation: values.map(({ fact, value }) => {
        const def = ws.facts.get(fact)?.[0];
        // A fact the episode does not give reads as such, in either language.
        if (value === undefined) return { fact, value: '', ...labelsOf(def, undefined), valueLabels: [NOT_GIVEN] };
        return { fact, value: value as Situation['situation'][number]['value'], ...labelsOf(def, value) };
      }),
    });
    const change = situation(why.facts.map((c) => ({ fact: c.fact, value: c.to })));
    const now = situation(why.facts.map((c) => ({ fact: c.fact, value: c.from })));
    return renderMessage({ id: 'whynot.facts', args: { change, now } }, lang);
  }
  return undefined;
}

function countedText(ws: Workspace, revision: string, why: WhyNot, lang: Lang): string | undefined {
  if (why.counted) {
    const claims = why.counted.map((c) =>
      renderMessage({ id: 'whynot.claim', args: { item: itemTitle(itemIn(ws, revision, c.id) ?? { id: c.id }), date: c.date } }, lang),
    );
    return renderMessage({ id: 'whynot.counted', args: { claims: { list: claims, more: 0 } } }, lang);
  }
  return undefined;
}

function effectiveText(why: WhyNot, lang: Lang): string | undefined {
  if (why.effective)
    return renderMessage(
      why.effective.to === undefined
        ? { id: 'whynot.effective-from', args: { from: why.effective.from } }
        : { id: 'whynot.effective', args: { from: why.effective.from, to: why.effective.to } },
      lang,
    );
  return undefined;
}

/**
 * For a scenario that expects an item claimed and gets it refused, what would make it
 * claimable, a line per such item (`B005-n3 多機関共同指導加算 → …`).
 */
export function missedClaimsExplained(ws: Workspace, scenario: ScenarioDef, result: EvaluateResult, lang: Lang): string[] {
  const rules = scenario.revision === undefined ? undefined : rulesOf(ws, scenario.revision);
  const expected = asArray(asRecord(scenario.raw.expect)?.claimable).map(String);
  if (!rules) return [];
  const input = scenarioInput(scenario);
  // Without a request, an item whose condition does not hold is not listed: asked for with the
  // items the scenario expects claimed (its parent among them), it is, with its reason.
  const asked: EvaluateInput = input.request === undefined ? { ...input, request: expected } : input;
  const outcome = asked === input ? result : evaluateRules(rules, asked);
  if ('errors' in outcome) return [];
  return expected.flatMap((id) => {
    if (result.claimable.some((c) => c.id === id)) return [];
    const k = outcome.rejected.findIndex((r) => r.id === id || r.variant === id);
    if (k < 0) return [];
    // The answers the result already holds (`withWhyNot`) are not searched for again.
    const why = (outcome === result ? result.whyNot?.[k] : undefined) ?? whyNotOf(rules, asked, outcome.rejected[k]!);
    const answer = whyNotText(ws, result.revision, why, lang);
    // One line per item under the failure: the parts of the answer side by side.
    const item = itemTitle(itemIn(ws, result.revision, id) ?? { id });
    return answer ? [renderMessage({ id: 'whynot.item', args: { item, answer: answer.split('\n').join(' ') } }, lang)] : [];
  });
}
