import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", ".data-*/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "packages/*/dist/**", "bench/floor/.next/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Layers point down (ARCHITECTURE.md): only the better-auth wiring and the session reader import `auth`.
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["lib/auth.ts", "lib/session.ts", "lib/auth-forward.ts", "lib/auth-context.ts", "lib/auth-plugins/**", "app/api/auth/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@/lib/auth", message: "Only the better-auth wiring (lib/auth-forward.ts, lib/auth-plugins/) and the session reader (lib/session.ts) import auth: use lib/session.ts or lib/actor.ts." }],
          patterns: [{ group: ["**/lib/auth"], message: "Only the better-auth wiring and the session reader import auth." }],
        },
      ],
    },
  },
  {
    // Components and pages reach data through actions and queries, never the database client directly.
    files: ["components/**/*.{ts,tsx}", "app/**/_components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "@/lib/db", message: "Client components get data from pages (queries) and actions." }] }],
    },
  },
  {
    files: ["prisma/pg-adapter.ts", "prisma.config.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
