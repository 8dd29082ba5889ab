// Framework ships no type declarations for these internal entry points; the build and preview
// scripts use only what is declared here.
declare module "@observablehq/framework/dist/config.js" {
  export function setCurrentDate(date: Date | null): void;
  export function readConfig(configPath?: string, root?: string): Promise<unknown>;
}
declare module "@observablehq/framework/dist/build.js" {
  export function build(options: {config: unknown}): Promise<void>;
}
