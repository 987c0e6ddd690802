/** The LinkedIn sandbox's public surface (see PAGES.md for what its pages look like). */
export { runSandboxCli, type SandboxCliOptions } from './cli.ts';
export type { DomVariant, Faults, OverlayPlacement } from './faults.ts';
export {
  createSandboxApp,
  type SandboxHandle,
  type SandboxOptions,
  type StartSandboxOptions,
  startSandbox,
} from './server.ts';
export type { Locale, ResetOptions } from './world.ts';
