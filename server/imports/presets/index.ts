import type { Preset } from "../types";
import { cellxpert } from "./cellxpert";
import { everflow } from "./everflow";
import { firstpromoter } from "./firstpromoter";
import { generic } from "./generic";
import { myaffiliates } from "./myaffiliates";
import { partnerstack } from "./partnerstack";
import { postAffiliatePro } from "./post-affiliate-pro";
import { rewardful } from "./rewardful";
import { tapfiliate } from "./tapfiliate";

export const PRESET_NAMES = ["tapfiliate", "rewardful", "partnerstack", "firstpromoter", "everflow", "post-affiliate-pro", "cellxpert", "myaffiliates", "generic"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** A mapped type over the closed list: a preset named but not defined is a compile error. */
export const PRESETS: { [K in PresetName]: Preset } = {
  tapfiliate,
  rewardful,
  partnerstack,
  firstpromoter,
  everflow,
  "post-affiliate-pro": postAffiliatePro,
  cellxpert,
  myaffiliates,
  generic,
};

export const isPresetName = (v: string): v is PresetName => (PRESET_NAMES as readonly string[]).includes(v);
