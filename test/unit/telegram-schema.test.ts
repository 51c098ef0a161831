import { describe, expect, it } from "vitest";
import { createAjv } from "../fakes/spec/ajv.js";
import { loadSpec } from "../fakes/spec/specs-dir.js";
import {
  exactlyOne,
  limits,
  type TgField,
  type TgSpec,
  telegramSchemas,
  undefinedTypes,
} from "../fakes/spec/telegram-schema.js";

const field = (description: string, types = ["String"], name = "f"): TgField => ({
  name,
  types,
  required: false,
  description,
});

describe("limits read out of the Bot API's prose", () => {
  it.each([
    [
      "Optional. Data to be sent in a callback query, 1-64 bytes",
      {},
      { "x-min-bytes": 1, "x-max-bytes": 64 },
    ],
    ["Text of the notification, 0-200 characters.", {}, { minLength: 0, maxLength: 200 }],
    ["Text of the message to be sent, 1-4096 characters after entities parsing", {}, {}],
    ["New text of the message, 1-4096 characters after entity parsing; required if …", {}, {}],
    ["Explanation, 0-200 characters with at most 2 line feeds after entities parsing", {}, {}],
    [
      "A JSON-serialized array describing messages to be sent, must include 2-10 items",
      {},
      { minItems: 2, maxItems: 10 },
    ],
    ["A list of bot commands. At most 100 commands can be specified.", {}, { maxItems: 100 }],
    [
      "Limits the number of updates. Values between 1-100 are accepted.",
      { types: ["Integer"] },
      { minimum: 1, maximum: 100 },
    ],
    [
      "Direction in degrees. Must be between 1 and 360 if specified.",
      { types: ["Integer"] },
      { minimum: 1, maximum: 360 },
    ],
    [
      "Text of the command; 1-32 characters. Can contain only lowercase English letters, digits and underscores.",
      {},
      { minLength: 1, maxLength: 32, pattern: "^[a-z0-9_]+$" },
    ],
    ["Type of the result, must be photo", { name: "type" }, { const: "photo" }],
    ['Optional. Style of the button. Must be one of "danger" or "primary".', {}, {}],
  ] as const)("%s", (description, over: { types?: readonly string[]; name?: string }, expected) => {
    expect(limits(field(description, [...(over.types ?? ["String"])], over.name))).toEqual(
      expected,
    );
  });

  it("reads InlineKeyboardButton's 'exactly one of the fields other than …'", () => {
    const fields = ["text", "icon_custom_emoji_id", "style", "url", "callback_data", "pay"].map(
      (n) => field("", ["String"], n),
    );
    const prose =
      "Exactly one of the fields other than text, icon_custom_emoji_id, and style must be used to specify the type of the button.";
    expect(exactlyOne(prose, fields)).toEqual({ "x-exactly-one": ["url", "callback_data", "pay"] });
    expect(exactlyOne(prose.replace("Exactly", "At most"), fields)).toEqual({
      "x-at-most-one": ["url", "callback_data", "pay"],
    });
  });
});

const spec = loadSpec("telegram-bot-api.json") as TgSpec | null;

describe.skipIf(spec === null)("the schemas built from telegram-bot-api.json", () => {
  const real = spec as TgSpec;

  it("know every type a field names", () => {
    expect(undefinedTypes(real)).toEqual([]);
  });

  it("are valid JSON Schema, every reference pointing at a definition", () => {
    const doc = telegramSchemas(real);
    const ajv = createAjv();
    for (const k of ["x-min-bytes", "x-max-bytes", "x-exactly-one", "x-at-most-one"])
      ajv.addKeyword(k);
    expect(ajv.validateSchema(doc), ajv.errorsText()).toBe(true);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    const missing = refs.filter((name) => !(name && name in doc.$defs));
    expect(missing).toEqual([]);
    expect(refs.length).toBeGreaterThan(100);
  });

  it("carry the limits the bot must respect on the calls it makes", () => {
    const { $defs } = telegramSchemas(real);
    const props = (name: string) =>
      ($defs[name] as { properties: Record<string, Record<string, unknown>> }).properties;
    expect(props("InlineKeyboardButton").callback_data).toMatchObject({ "x-max-bytes": 64 });
    expect($defs.InlineKeyboardButton).toMatchObject({ additionalProperties: false });
    expect(props("method.answerCallbackQuery").text).toMatchObject({ maxLength: 200 });
    expect(props("BotCommand").command).toMatchObject({ maxLength: 32, pattern: "^[a-z0-9_]+$" });
    expect($defs["method.sendMessage"]).toMatchObject({ required: ["chat_id", "text"] });
    // The message text is measured after the HTML is parsed: the fake checks that itself.
    expect(props("method.sendMessage").text).toEqual({ type: "string" });
  });
});
