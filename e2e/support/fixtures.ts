import { expect, type Page } from "@playwright/test";
import { PASSWORD } from "../../tests/support/factories";

export { addMember, createOrganization, createUser, uniqueEmail } from "../../tests/support/factories";
export { PASSWORD };

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function expectSignedInAs(page: Page, email: string, role: string | RegExp) {
  await expect(page.getByTestId("signed-in-email")).toHaveText(email);
  await expect(page.getByTestId("signed-in-role")).toHaveText(role);
}
