// The floor's own (empty) instrumentation: without it the build takes the repository root's (Admit's).
export function register() {}
