import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { demoViewer, graphqlError, renderApp, viewerAnswer, type Handlers } from '../../test/render-app';

const anonymous: Handlers = { Viewer: viewerAnswer(null) };

async function submit(username: string, password: string) {
  fireEvent.change(await screen.findByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in page', () => {
  it.each([
    ['UNAUTHENTICATED', 'Invalid username or password.', 'Sign-in failed'],
    ['RATE_LIMITED', 'Too many failed sign-in attempts. Wait 15 minutes and try again.', 'Too many attempts'],
    ['BAD_USER_INPUT', 'Invalid input. username: username must be shorter than or equal to 64 characters', 'Check what you entered'],
  ])("shows the server's message for %s", async (code, message, title) => {
    renderApp('/login', { ...anonymous, SignIn: () => graphqlError(code, message) });
    await submit('customer.one', 'wrong');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(title)).toBeTruthy();
    expect(within(alert).getByText(message)).toBeTruthy();
    expect(alert.dataset.errorCode).toBe(code);
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe(code === 'RATE_LIMITED' ? null : 'true');
  });

  it('says so plainly when the server cannot be reached', async () => {
    renderApp('/login', { ...anonymous, SignIn: () => new TypeError('Failed to fetch') });
    await submit('customer.one', 'ChangeMe123!');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Connection problem');
    expect(alert.textContent).toContain('ReturnHub cannot be reached');
  });

  it('sends the user to their console after signing in, with the username trimmed', async () => {
    const sent: Array<Record<string, unknown>> = [];
    renderApp('/login', {
      ...anonymous,
      SignIn: (variables) => {
        sent.push(variables);
        return { data: { login: demoViewer('CUSTOMER', { displayName: 'Chloe Carter' }) } };
      },
      ConsoleCases: () => ({ data: { returnCases: { __typename: 'ReturnCaseConnection', totalCount: 0, edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } } } }),
    });
    await submit('  customer.one ', 'ChangeMe123!');
    expect(await screen.findByRole('heading', { name: 'Your returns' })).toBeTruthy();
    expect(sent).toEqual([{ username: 'customer.one', password: 'ChangeMe123!' }]);
    expect(screen.getByTestId('signed-in-user').textContent).toContain('Chloe Carter');
  });

  it('offers one-click demo accounts in development', async () => {
    renderApp('/login', anonymous);
    expect(await screen.findByRole('button', { name: 'Sign in as ops.demo (Ops)' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Sign in as / })).toHaveLength(6);
  });
});
