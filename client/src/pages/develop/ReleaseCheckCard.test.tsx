// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clickWhenEnabled } from '../../test/user';
import ReleaseCheckCard from './ReleaseCheckCard';

const api = vi.hoisted(() => ({ getReleaseCheck: vi.fn(), setReleaseCheck: vi.fn() }));
vi.mock('../../api', async (orig) => ({ ...(await orig<typeof import('../../api')>()), ...api }));

describe('ReleaseCheckCard', () => {
  beforeEach(() => {
    Object.values(api).forEach((f) => f.mockReset());
  });

  it('is off by default, names the test accounts and switches on after confirmation', async () => {
    api.getReleaseCheck.mockResolvedValue({ enabled: false });
    api.setReleaseCheck.mockResolvedValue({ enabled: true });
    const user = userEvent.setup();
    render(<ReleaseCheckCard />);
    expect(await screen.findByTestId('release-check-state')).toHaveTextContent('已关闭');
    expect(screen.getByTestId('release-check')).toHaveTextContent('wx570bc396a51b8ff8');
    expect(screen.getByTestId('release-check')).toHaveTextContent('TESTCOMPONENT_MSG_TYPE_TEXT_callback');

    // '已关闭' shows before the state is read too; the switch spins (disabled) until it is.
    await clickWhenEnabled(user, () => screen.getByTestId('release-check-switch'));
    api.getReleaseCheck.mockResolvedValue({ enabled: true });
    await user.click(await screen.findByRole('button', { name: '确定' }));
    expect(api.setReleaseCheck).toHaveBeenCalledWith(true);
    await waitFor(() => expect(screen.getByTestId('release-check-state')).toHaveTextContent('已开启'));
  });
});
