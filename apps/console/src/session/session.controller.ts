import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ALL_TENANTS, ApiAdmission, remoteAddress, scopeMissingProblem, validationProblem } from '@stageplus/http';
import type { IncomingMessage as Request, ServerResponse as Response } from 'node:http';
import { z } from 'zod';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console.settings';
import { TenantDirectory } from '../tenants/tenant-directory';
import { clearedSessionCookie, sessionCookie, sessionIdOf } from './session-cookie';
import { SessionStore } from './session-store';
import { CurrentViewer, ViewerGuard, type Viewer } from './viewer.guard';

const signIn = z.strictObject({ key: z.string().min(1).max(512) });

/**
 * Signing in exchanges an API key for an HttpOnly session cookie: the page never keeps the key
 * (no local storage, no URL), and `EventSource` sends the cookie by itself.
 */
@Controller('session')
export class SessionController {
  constructor(
    @Inject(ApiAdmission) private readonly admission: ApiAdmission,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  @Post()
  @HttpCode(201)
  open(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const parsed = signIn.safeParse(body);
    if (!parsed.success) throw validationProblem('the body must be {"key": "<API key>"}', [{ field: 'key', message: 'is required, a string of 1-512 characters' }]);
    // The key is in the body (at most 16 KB), so it is read first; refusals spend the address's budget.
    const principal = this.admission.authenticate(`Bearer ${parsed.data.key}`, remoteAddress(request));
    if (!principal.scopes.includes('read')) throw scopeMissingProblem(principal.id, 'read');
    const { id, session } = this.sessions.open(principal, parsed.data.key);
    response.setHeader('Set-Cookie', sessionCookie(id, this.settings.sessionTtlMs, this.settings.secureCookie));
    response.setHeader('Cache-Control', 'no-store');
    return this.describe({ ...session });
  }

  /** Who is signed in, and the establishments they may look at. */
  @Get()
  @UseGuards(ViewerGuard)
  current(@CurrentViewer() viewer: Viewer) {
    return this.describe(viewer);
  }

  @Delete()
  @HttpCode(204)
  close(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    this.sessions.close(sessionIdOf(request.headers.cookie));
    response.setHeader('Set-Cookie', clearedSessionCookie(this.settings.secureCookie));
  }

  private describe(viewer: Viewer) {
    return {
      keyId: viewer.principal.id,
      allTenants: viewer.principal.tenants.includes(ALL_TENANTS),
      tenants: this.tenants.inForce().visibleTo(viewer.principal),
      expiresAt: viewer.expiresAt === null ? null : new Date(viewer.expiresAt).toISOString(),
    };
  }
}
