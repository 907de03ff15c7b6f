/** Which contract commands the calendar's handler files answer. */
export type CalendarPlanningCommands =
  | 'calendar.range'
  | 'campaign.list'
  | 'campaign.save'
  | 'campaign.delete'
  | 'label.list'
  | 'label.save'
  | 'label.delete'
  | 'post.planning'
  | 'post.setPlanning'
  | 'calendar.createIdea'
  | 'review.submit'
  | 'review.approve'
  | 'review.reject'
  | 'workspace.getApproval'
  | 'workspace.setApproval'
  | 'comment.list'
  | 'comment.add'
  | 'post.history';

export type CalendarExchangeCommands =
  | 'calendar.export'
  | 'calendar.uploadBegin'
  | 'calendar.uploadChunk'
  | 'calendar.importPreview'
  | 'calendar.importApply'
  | 'calendar.importDiscard'
  | 'calendar.importList'
  | 'calendar.importUndo'
  | 'caldav.get'
  | 'caldav.set'
  | 'caldav.remove'
  | 'caldav.sync';

export type CalendarCommands = CalendarPlanningCommands | CalendarExchangeCommands;
