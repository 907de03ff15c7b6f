/**
 * Shared set-up of the editorial calendar's end-to-end specs: a workspace made through the
 * contract (as the UI would), the page reading it, the calendar opened; posts planned or
 * scheduled at a wall-clock time of the workspace's zone.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { RpcClient } from '../../helpers/host';
import { expect } from '../fixtures';
import { CalendarPage } from '../pages/calendar';
import type { TribunePage } from '../pages/tribune';

/** The workspace the calendar specs plan for, and its zone. */
export const OFFICE = 'Office de Tourisme de Port-Lumière';
export const PARIS = 'Europe/Paris';

/** A workspace made through the contract, as the UI would. */
export function createWorkspace(rpc: RpcClient, name = OFFICE, timeZone = PARIS): Promise<{ id: string }> {
  return rpc.value<{ id: string }>('workspace.create', { name, timeZone });
}

/** The page reads what the contract made (a reload): the workspace is in the rail. */
export async function showWorkspace(tribune: TribunePage, page: Page, workspace = OFFICE): Promise<void> {
  await page.reload();
  await expect(tribune.workspaceButton(workspace)).toBeVisible();
}

/** The page reads what the contract made (a reload), then the editorial calendar opens. */
export async function openCalendar(tribune: TribunePage, page: Page, workspace = OFFICE): Promise<CalendarPage> {
  await showWorkspace(tribune, page, workspace);
  const calendar = new CalendarPage(page);
  await calendar.open();
  return calendar;
}

/** The wall-clock date ("YYYY-MM-DD") in a zone, `days` from now. */
export function dateIn(zone: string, days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** The instant at which the clock in `zone` shows date h:m (no DST edge in these tests' hours). */
export function zonedInstant(date: string, h: number, m: number, zone: string): string {
  const guess = Date.parse(`${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`);
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(guess));
  const [sh, sm] = shown.split(':').map(Number) as [number, number];
  const offset = (sh * 60 + sm - (h * 60 + m) + 1440 * 2) % 1440;
  return new Date(guess - (offset > 720 ? offset - 1440 : offset) * 60_000).toISOString();
}

/** A draft for one account (no media, no options). */
export async function draftFor(rpc: RpcClient, workspaceId: string, accountId: string, text: string): Promise<string> {
  const id = randomUUID();
  await rpc.value('draft.save', {
    id,
    workspaceId,
    text,
    content: { targets: [{ accountId, variant: null }], media: [], contentWarning: null, language: null, visibility: null, threadParts: null, poll: null },
  });
  return id;
}

/** A post for one account scheduled at `time` ("HH:MM") on `date` in `zone`. */
export async function schedulePost(rpc: RpcClient, workspaceId: string, accountId: string, text: string, date: string, time: string, zone = PARIS): Promise<string> {
  const id = await draftFor(rpc, workspaceId, accountId, text);
  const [h, m] = time.split(':').map(Number) as [number, number];
  await rpc.value('post.schedule', { draftId: id, at: zonedInstant(date, h, m, zone), timeZone: zone });
  return id;
}

/** A draft planned on a date (no account needed): what the calendar file carries. */
export async function plannedDraft(rpc: RpcClient, workspaceId: string, text: string, date: string, time: string, zone = PARIS): Promise<string> {
  const id = randomUUID();
  await rpc.value('draft.save', { id, workspaceId, text });
  const [h, m] = time.split(':').map(Number) as [number, number];
  await rpc.value('post.setPlanning', { draftId: id, plannedAt: zonedInstant(date, h, m, zone) });
  return id;
}

/** "Campagnes et étiquettes" (open): a campaign (with its aim, when given) and a label are added, then Escape closes it. */
export async function addCampaignAndLabel(page: Page, campaign: { name: string; aim?: string }, label: string): Promise<void> {
  const manage = page.getByRole('dialog', { name: 'Campagnes et étiquettes' });
  await manage.getByRole('textbox', { name: 'Nom de la campagne' }).fill(campaign.name);
  if (campaign.aim) await manage.getByRole('textbox', { name: 'Objectif' }).fill(campaign.aim);
  await manage.getByRole('button', { name: 'Ajouter la campagne' }).click();
  await expect(manage.getByRole('list', { name: 'Campagnes' })).toContainText(campaign.name);
  await manage.getByRole('textbox', { name: 'Nom de l’étiquette' }).fill(label);
  await manage.getByRole('button', { name: 'Ajouter l’étiquette' }).click();
  await expect(manage.getByRole('list', { name: 'Étiquettes' })).toContainText(label);
  await page.keyboard.press('Escape');
  await expect(manage).toBeHidden();
}
