// Page helpers shared by the console tests.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Screenshots land here (gitignored). */
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

/** Saves a screenshot of the page as artifacts/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Types credentials into the login form. */
export async function fillLogin(page, username, password) {
  await page.locator('[data-testid="login-username"] input').fill(username);
  await page.locator('[data-testid="login-password"] input').fill(password);
}

/** Fills and submits the change-password form (forced or in the dialog). */
export async function submitPasswordChange(page, oldPassword, newPassword) {
  await page.locator('[data-testid="old-password"] input').fill(oldPassword);
  await page.locator('[data-testid="new-password"] input').fill(newPassword);
  await page.locator('[data-testid="confirm-password"] input').fill(newPassword);
  await page.locator('[data-testid="change-password-submit"]').click();
}

/**
 * Logs in from the login page and waits for the console. If the server
 * demands a password change first, changes it to replacement and returns the
 * password that is valid afterwards.
 */
export async function login(page, baseUrl, { username, password }, replacement = `${password}X9`) {
  await page.goto(`${baseUrl}/#/login`);
  await fillLogin(page, username, password);
  await page.locator('[data-testid="login-submit"]').click();
  const forced = page.locator('[data-testid="forced-password-change"]');
  const menu = page.locator('[data-testid="side-menu"]');
  await forced.or(menu).first().waitFor();
  if (!(await forced.isVisible())) return password;
  await submitPasswordChange(page, password, replacement);
  await menu.waitFor();
  return replacement;
}

/** Opens a console page through the side menu. */
export async function openFromMenu(page, label, hashPath) {
  const menu = page.locator('[data-testid="side-menu"]');
  await menu.getByText(label, { exact: true }).click();
  await page.waitForURL(new RegExp(`#${hashPath}$`));
  await menu.locator('.t-is-active', { hasText: label }).waitFor();
}

/** TDesign renders a disabled Button as a div marked t-is-disabled (no disabled attribute). */
export async function isDisabled(button) {
  return /\bt-is-disabled\b/.test((await button.getAttribute('class')) ?? '');
}
