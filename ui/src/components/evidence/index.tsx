// The case page's evidence section, one component a file; `EvidenceSection` is what the app uses.
export { EvidenceSection, type LoadedEvidence } from './EvidenceSection';
