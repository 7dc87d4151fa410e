// Test infrastructure for the torch-upgrade goal: real wheels, a local index, real venvs (see README.md here).
export { buildWheel, wheelDistInfo, wheelFilename, type BuiltWheel, type WheelMeta } from './wheel.js';
export { defaultCatalog, wheelContent, wheelTag, INDEX_TORCH_BUILDS, INDEX_XFORMERS, FAKEDEP_VERSIONS,
  type CatalogOptions, type WheelOs, type WheelSpec } from './catalog.js';
export { buildWheelSet, findWheel, pruneCache, E2E_TMP, type WheelFile, type WheelSet, type WheelSetOptions } from './build.js';
export { startIndexServer, normalizeProject, type IndexKnobs, type IndexServer, type IndexStats, type RequestRecord } from './index-server.js';
export { createUpgradeScenario, cleanPipEnv, rtx4070Machine, startPins, variantOf, DEFAULT_START,
  type StartState, type UpgradeApp, type UpgradeLayout, type UpgradeScenario, type UpgradeScenarioOptions } from './upgrade-scenario.js';
