/** Types of cliBundle.mjs, for the tests that import it. */
export declare const ROOT: string;
/** The bundle's entry file, or null when it is missing or older than one of its sources. */
export declare function currentBundle(root?: string): string | null;
/** Builds out/cli/ and returns its entry file. */
export declare function buildCliBundle(root?: string): Promise<string>;
