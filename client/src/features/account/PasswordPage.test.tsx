import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { demoViewer, graphqlError, renderApp, viewerAnswer, type Handlers } from '../../test/render-app';

const signedIn: Handlers = { Viewer: viewerAnswer(demoViewer('MERCHANT')) };

async function fill(current: string, next: string, confirm = next) {
  fireEvent.change(await screen.findByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('Confirm new password'), { target: { value: confirm } });
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('password page', () => {
  it('is reachable from the header for a signed-in user', async () => {
    renderApp('/merchant', { ...signedIn, MerchantCases: () => ({ data: null }) });
    const link = await screen.findByRole('link', { name: 'Password' });
    expect(link.getAttribute('href')).toBe('/account/password');
  });

  it('changes the password and says so, sending the current and new passwords', async () => {
    const sent: Array<Record<string, unknown>> = [];
    renderApp('/account/password', {
      ...signedIn,
      ChangePassword: (variables) => {
        sent.push(variables);
        return { data: { changePassword: true } };
      },
    });
    await fill('ChangeMe123!', 'correct horse battery');
    expect(await screen.findByText(/Your password has been changed/)).toBeTruthy();
    expect(sent).toEqual([{ currentPassword: 'ChangeMe123!', newPassword: 'correct horse battery' }]);
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('');
  });

  it('refuses a short or mistyped new password before asking the server', async () => {
    let calls = 0;
    renderApp('/account/password', { ...signedIn, ChangePassword: () => ((calls += 1), { data: { changePassword: true } }) });
    await fill('ChangeMe123!', 'short');
    expect((await screen.findByRole('alert')).textContent).toContain('at least 12 characters');
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true');
    await fill('ChangeMe123!', 'correct horse battery', 'correct horse batterz');
    expect((await screen.findByRole('alert')).textContent).toContain('differ');
    expect(screen.getByLabelText('Confirm new password').getAttribute('aria-invalid')).toBe('true');
    expect(calls).toBe(0);
  });

  it.each([
    ['BAD_USER_INPUT', 'The current password is not right.', 'Password not changed'],
    ['RATE_LIMITED', 'Too many sign-in attempts. Try again in 600 s.', 'Too many attempts'],
  ])("shows the server's message for %s", async (code, message, title) => {
    renderApp('/account/password', { ...signedIn, ChangePassword: () => graphqlError(code, message) });
    await fill('wrong-password', 'correct horse battery');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(title)).toBeTruthy();
    expect(within(alert).getByText(message)).toBeTruthy();
    expect(alert.dataset.errorCode).toBe(code);
  });
});
