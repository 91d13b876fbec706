/** The check flow's public surface for the rest of the app. */
export { CheckFlow } from './check-flow.js';
export type { CheckFlowProps, CheckStart } from './check-flow.js';
export { DecisionScreen } from './decision-screen.js';
export type { DecisionScreenProps } from './decision-screen.js';
export { WaitingList } from './waiting-list.js';
export type { WaitingListProps } from './waiting-list.js';
export { HandoverForm } from './handover-form.js';
export type { HandoverFormProps } from './handover-form.js';
export { HistoryList } from './history-list.js';
export { Keypad } from './keypad.js';
export type { KeypadProps } from './keypad.js';
export type { CheckHost, TrustView, WaitingVehicle, HistoryEntry, StaffOnDuty } from './host.js';
