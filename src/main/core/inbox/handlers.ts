/** The inbox's commands: the charter, the inbox's pages and states, settings, response times, saved replies, people, the audit log. */
import { charterFileText, parseCharterFile, ruleLine } from '../../../shared/charter/file';
import { lintDraft } from '../charter/lint';
import { charterProblem, type CharterStore } from '../charter/store';
import { checkPattern } from '../charter/regex-guard';
import { responseTimes } from '../../../shared/inbox/response-times';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import { defineHandlers } from '../handler-types';
import type { AccountRepository } from '../repositories/accounts';
import type { WorkspaceRepository } from '../repositories/workspaces';
import type { Db } from '../store/database';
import type { AuditLog } from './audit';
import type { CharterRuns } from './charter-runs';
import type { InboxReadModel } from './read-model';
import type { InboxSettingsRepository, PeopleRepository, SavedReplyRepository } from './repositories';
import type { InboxStates } from './states';

export interface InboxHandlerDeps {
  db: Db;
  clock: Clock;
  workspaces: WorkspaceRepository;
  accounts: AccountRepository;
  charters: CharterStore;
  runs: CharterRuns;
  readModel: InboxReadModel;
  states: InboxStates;
  settings: InboxSettingsRepository;
  replies: SavedReplyRepository;
  people: PeopleRepository;
  audit: AuditLog;
  /** The inbox of this workspace changed (counts in the rail, the open list). */
  changed(workspaceId: string): void;
}

const slug = (name: string) => name.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'workspace';

export function createInboxHandlers(d: InboxHandlerDeps) {
  const workspace = (id: string) => {
    const ws = d.workspaces.get(id);
    if (!ws) throw new AppFailure('workspace_not_found', 'This workspace no longer exists.');
    return ws;
  };
  const counts = (workspaceId: string) => d.readModel.counts(workspaceId, d.clock.now());

  return defineHandlers({
    'charter.get': ({ workspaceId }) => d.charters.get(workspace(workspaceId).id),
    'charter.save': ({ workspaceId, charter }) => {
      workspace(workspaceId);
      const saved = d.charters.save(workspaceId, charter, d.clock.now());
      d.runs.reflag(workspaceId, saved, d.clock.now());
      d.changed(workspaceId);
      return saved;
    },
    'charter.test': ({ workspaceId, rule, sample, sampleAuthor }) => {
      workspace(workspaceId);
      const bad = rule.match.kind === 'regex' ? checkPattern(rule.match.pattern) : null;
      if (bad) return { problem: { reason: bad.code, ...('at' in bad ? { at: bad.at } : {}) }, sample: [], matches: [], scanned: 0 };
      const now = d.clock.now();
      const live = d.runs.ruleMatches(workspaceId, rule, now);
      const sampleFlags = sample?.trim() || sampleAuthor ? d.runs.sampleFlags(rule, sample ?? '', sampleAuthor ?? {}, [...live.items.values()], now) : [];
      return {
        problem: null,
        sample: sampleFlags.map((f) => ({ ruleId: f.ruleId, ruleName: f.ruleName, severity: f.severity, action: f.action, matched: f.matched })),
        matches: live.flags.slice(0, 50).map((f) => ({ itemId: f.itemId, text: live.items.get(f.itemId)!.text.slice(0, 500), matched: f.matched })),
        scanned: live.scanned,
      };
    },
    'charter.export': ({ workspaceId }) => {
      const ws = workspace(workspaceId);
      return { fileName: `charte-${slug(ws.name)}.tribune-charter.json`, text: charterFileText(d.charters.get(ws.id)) };
    },
    'charter.import': ({ workspaceId, text }) => {
      workspace(workspaceId);
      const read = parseCharterFile(text);
      if (!read.ok) throw new AppFailure('charter_file_invalid', `This file is not a Tribune charter (line ${read.line}).`, { line: read.line, reason: read.reason });
      const problem = charterProblem(read.charter);
      if (problem) {
        const index = read.charter.rules.findIndex((r) => r.name === problem.rule);
        throw new AppFailure('charter_file_invalid', `The rule "${problem.rule}" cannot run (${problem.reason}).`, { line: ruleLine(text, index), reason: problem.reason });
      }
      return read.charter;
    },

    'charter.lint': ({ workspaceId, text, places }) => {
      workspace(workspaceId);
      return lintDraft(d.charters.get(workspaceId), d.clock.now(), [{ accountId: null, part: null, text }, ...(places ?? [])]);
    },

    'inbox.list': ({ workspaceId, state, filter, before, limit }) => {
      workspace(workspaceId);
      const now = d.clock.now();
      const page = d.readModel.list({ workspaceId, state, filter: filter ?? {}, before: before ?? null, limit: limit ?? 50, now });
      const settings = d.settings.get(workspaceId);
      return { ...page, counts: counts(workspaceId), targetMinutes: settings.targetMinutes, businessHours: settings.businessHours };
    },
    'inbox.counts': ({ workspaceId }) => counts(workspace(workspaceId).id),
    'inbox.setState': ({ workspaceId, ids, state, snoozedUntil }) => {
      workspace(workspaceId);
      const previous = d.states.set(workspaceId, ids, state, snoozedUntil ? Date.parse(snoozedUntil) : null, d.clock.now());
      d.changed(workspaceId);
      return { previous, counts: counts(workspaceId) };
    },
    'inbox.restore': ({ workspaceId, previous }) => {
      workspace(workspaceId);
      d.states.restore(workspaceId, previous, d.clock.now());
      d.changed(workspaceId);
      return { counts: counts(workspaceId) };
    },
    'inbox.getSettings': ({ workspaceId }) => d.settings.get(workspace(workspaceId).id),
    'inbox.setSettings': ({ workspaceId, ...patch }) => {
      workspace(workspaceId);
      const next = d.settings.set(workspaceId, patch);
      d.changed(workspaceId);
      return next;
    },
    'inbox.responseTimes': ({ workspaceId, from, to }) => {
      const ws = workspace(workspaceId);
      const rows = d.db
        .prepare<[string, number, number], { account_id: string; arrived_at: number; first_reply_at: number | null; state: string }>(
          `SELECT x.account_id, x.arrived_at, x.first_reply_at, x.state FROM inbox_items x JOIN accounts a ON a.id = x.account_id
           WHERE x.workspace_id = ? AND x.kind != 'follow' AND x.arrived_at >= ? AND x.arrived_at < ? AND a.removed_at IS NULL`,
        )
        .all(ws.id, Date.parse(from), Date.parse(to));
      const hours = d.settings.get(ws.id).businessHours;
      return responseTimes(
        rows.map((r) => ({ accountId: r.account_id, arrivedAt: r.arrived_at, firstReplyAt: r.first_reply_at, doneWithoutReply: r.state === 'done' })),
        ws.timeZone,
        hours,
      );
    },

    'reply.list': ({ workspaceId }) => d.replies.list(workspace(workspaceId).id),
    'reply.save': (input) => {
      workspace(input.workspaceId);
      return d.replies.save(input, d.clock.now());
    },
    'reply.delete': ({ id }) => {
      d.replies.delete(id);
      return { done: true as const };
    },

    'person.history': ({ workspaceId, actorId }) => d.people.history(workspace(workspaceId).id, actorId),
    'person.setNote': ({ workspaceId, actorId, note }) => d.people.setNote(workspace(workspaceId).id, actorId, note, d.clock.now()),

    'audit.list': ({ workspaceId, before, limit }) => d.audit.list(workspace(workspaceId).id, before ? Date.parse(before) : null, limit ?? 100),
    'audit.exportCsv': ({ workspaceId }) => {
      const ws = workspace(workspaceId);
      const handles = new Map(d.accounts.list(ws.id).map((a) => [a.id, `${a.network}:${a.handle}`]));
      return { fileName: `journal-${slug(ws.name)}.csv`, text: d.audit.csv(ws.id, (id) => (id ? (handles.get(id) ?? id) : '')) };
    },
  });
}
