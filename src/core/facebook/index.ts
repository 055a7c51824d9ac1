/** Facebook Messenger's data deletion: Meta's signed requests and what a request deletes. */
export * from './signed-request';
export * from './data-deletion';
