// The CLI's configuration errors, in a module of their own without ethers, so that the CLI's error
// report can name them without loading the posting code.

/** A required environment variable is missing or empty. Nothing was read, verified or posted. */
export class MissingEnvError extends Error {
  readonly variable: string;
  constructor(variable: string, hint = "") {
    super(`missing environment variable ${variable}${hint ? ` (${hint})` : ""}: set it in .env (see .env.example)`);
    this.name = "MissingEnvError";
    this.variable = variable;
  }
}

/** An environment variable (or the option standing for it) holds an unusable value. The value of a key is never echoed. */
export class InvalidEnvError extends Error {
  readonly variable: string;
  constructor(variable: string, detail: string) {
    super(`environment variable ${variable}: ${detail}`);
    this.name = "InvalidEnvError";
    this.variable = variable;
  }
}
