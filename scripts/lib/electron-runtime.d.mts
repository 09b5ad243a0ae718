// Types for electron-runtime.mjs (plain ESM, used by scripts and by the Electron tests).
export declare const NATIVE_DIR: string;
export declare const NATIVE_BINDING: string;
export declare const NATIVE_STAMP: string;

type Env = Record<string, string | undefined>;
export type Check<T extends object = object> = ({ ok: true } & T) | { ok: false; reason: string };

export declare function electronPackage(root: string): { dir: string; version: string | null; abi: string | null } | null;
export declare function platformExecutable(platform?: string): string;
export declare function findElectronBinary(opts: {
  root: string;
  env?: Env;
  platform?: string;
  exists?: (path: string) => boolean;
}): Check<{ path: string; version: string | null }>;
export declare function displayProblem(opts?: { env?: Env; platform?: string }): string | null;
export declare function nativeBindingStatus(opts: { root: string; exists?: (path: string) => boolean }): {
  ok: boolean;
  path: string;
  reason?: string;
};
export declare function gist(text: string, max?: number): string;
export declare function installElectronRuntime(opts: { root: string; timeoutMs?: number; env?: Env }): Promise<Check>;
export declare function electronReadiness(opts: {
  root: string;
  env?: Env;
  platform?: string;
}):
  | { ok: true; executablePath: string; nativeBinding: string; version: string | null }
  | { ok: false; stage: 'runtime' | 'display' | 'native'; reason: string };
export declare function prepareElectron(opts: {
  root: string;
  env?: Env;
  platform?: string;
  install: () => Promise<Check>;
  buildNative: () => Promise<Check>;
}): Promise<
  | { ok: true; executablePath: string; nativeBinding: string; version: string | null }
  | { ok: false; stage: 'runtime' | 'display' | 'native'; reason: string }
>;
