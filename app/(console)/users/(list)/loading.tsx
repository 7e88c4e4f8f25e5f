export { ConsoleLoading as default } from "@/components/console-loading";
