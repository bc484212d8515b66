// Interactions shared by the component tests.
import { waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';

/**
 * Clicks a button once it can be clicked (again), e.g. a dialog's 确定 after a failed try.
 * TDesign's Dialog copies confirmBtn (its loading state) into its own state in an effect, so the
 * dialog's body can show the error a render before the button stops loading; user-event silently
 * ignores a click on a disabled button, and a busy CI machine can fall in that gap.
 */
export async function clickWhenEnabled(user: UserEvent, button: () => HTMLElement): Promise<void> {
  await waitFor(() => expect(button()).toBeEnabled());
  await user.click(button());
}
