/** Guided flows (dialogs/*.yaml) compiled into botbuilder-dialogs, behind one FlowRunner. */
export { FlowRunner, type FlowRunnerOptions } from './flow-runner';
export { FlowDialog, flowDialogId } from './flow-dialog';
export { MID_FLOW_ANSWER_CONFIDENCE, type FlowAnswerer, type FlowDialogDeps, type FlowLogger, type FlowStartOptions } from './deps';
export { staffCard, staffMessage, notifyStaff } from './staff-notice';
