// The case page's follow-up section, one component a file; `FollowUp` is what the app uses.
export { FollowUp } from './FollowUp';
