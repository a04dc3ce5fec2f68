// Answers validation names the question each problem breaks; terminal prompts turn replies into
// valid answers and keep the project's implied answers as defaults.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidAnswersError, mergeAnswers, unansweredQuestions, validateAnswers } from "../../src/assess/answers.js";
import { assessKit } from "../../src/assess/kit.js";
import { askQuestionnaire, parseReply } from "../../src/assess/prompts.js";
import { questionIndex } from "../../src/assess/questionnaire.js";

const { questionnaire: q } = assessKit();

function issuesOf(input: unknown): { question: string; message: string }[] {
  try {
    validateAnswers(q, input);
  } catch (err) {
    assert.ok(err instanceof InvalidAnswersError);
    return [...err.issues];
  }
  assert.fail("expected InvalidAnswersError");
}

describe("answers validation", () => {
  it("accepts answers of the right shape for each question type", () => {
    const ok = validateAnswers(q, {
      "system.purpose": ["public_safety", "traffic"],
      "system.scale": "city",
      "controls.logging": "planned",
      "vendor.home_country": "CN",
      "sustainability.lifespan_years": 8,
      "system.description": "Cameras",
    });
    assert.equal(ok["system.scale"], "city");
  });

  it("names every question an answers object breaks, and what is wrong", () => {
    const issues = issuesOf({
      "data.categories": ["video_public_space", "faces"],
      "storage.location": "moon",
      "retention.period": 30,
      "controls.logging": "yes",
      "vendor.home_country": "China",
      "sustainability.lifespan_years": 99,
      "system.purpose": ["traffic", "traffic"],
      "no.such_question": "x",
    });
    const by = Object.fromEntries(issues.map((i) => [i.question, i.message]));
    assert.match(by["data.categories"] ?? "", /"faces" is not an option/);
    assert.match(by["storage.location"] ?? "", /"moon" is not an option \(public_premises, /);
    assert.match(by["retention.period"] ?? "", /expected one option id .* got number/);
    assert.match(by["controls.logging"] ?? "", /in_place, planned, none, unknown/);
    assert.match(by["vendor.home_country"] ?? "", /alpha-2/);
    assert.match(by["sustainability.lifespan_years"] ?? "", /above the maximum 50/);
    assert.match(by["system.purpose"] ?? "", /twice/);
    assert.match(by["no.such_question"] ?? "", /no such question in questionnaire 1\./);
  });

  it("puts the question ids in the error message itself", () => {
    assert.throws(() => validateAnswers(q, { "storage.location": "moon" }, { where: "/tmp/a.json" }), /^InvalidAnswersError: \/tmp\/a\.json: question storage\.location: "moon" is not an option/);
    assert.throws(() => validateAnswers(q, ["x"]), /answers must be a JSON object/);
  });

  it("lets a patch clear an answer with null, and counts unknown as unanswered", () => {
    const patch = validateAnswers(q, { "system.scale": null, "data.linkage": "unknown" }, { allowNull: true });
    const merged = mergeAnswers({ "system.scale": "city" }, patch);
    assert.equal(merged["system.scale"], undefined);
    const open = unansweredQuestions(q, merged);
    assert.ok(open.includes("system.scale") && open.includes("data.linkage"));
    assert.equal(open.length, questionIndex(q).size);
  });
});

describe("terminal prompts", () => {
  it("reads numbers, lists and ids into option ids, and refuses what does not fit", () => {
    const questions = questionIndex(q);
    assert.deepEqual(parseReply(questions.get("system.purpose")!, "1, 3"), { value: ["public_safety", "emergency_response"] });
    assert.deepEqual(parseReply(questions.get("controls.logging")!, "2"), { value: "planned" });
    assert.deepEqual(parseReply(questions.get("vendor.home_country")!, "cn"), { value: "CN" });
    assert.ok("problem" in parseReply(questions.get("system.scale")!, "9"));
  });

  it("asks every question, keeps defaults on Enter, clears with '-', and re-asks after a bad reply", async () => {
    const replies = new Map<string, string[]>([
      ["system.scale", ["9", "2"]],
      ["vendor.home_country", ["-"]],
    ]);
    const asked: string[] = [];
    const said: string[] = [];
    const answers = await askQuestionnaire(q, { "vendor.home_country": "CN", "system.category": "surveillance" }, {
      ask: async (prompt) => {
        const id = prompt.split(" ")[0]?.replace(/:$/, "") ?? "";
        asked.push(id);
        return replies.get(id)?.shift() ?? "";
      },
      say: (t) => void said.push(t),
    });
    assert.equal(answers["system.scale"], "city");
    assert.equal(answers["system.category"], "surveillance");
    assert.equal(answers["vendor.home_country"], undefined);
    assert.equal(new Set(asked).size, questionIndex(q).size);
    assert.ok(said.some((t) => t.includes("type a number from 1 to 4")));
  });
});
