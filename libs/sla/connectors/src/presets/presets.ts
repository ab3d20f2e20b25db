import type { ConnectorMapping, Source } from '../connector-mapping';
import { GENERIC_PRESET } from './generic.preset';
import { GLPI_PRESET } from './glpi.preset';
import { JIRA_PRESET } from './jira.preset';
import { RT_PRESET } from './rt.preset';
import { ZAMMAD_PRESET } from './zammad.preset';
import { ZENDESK_PRESET } from './zendesk.preset';

/** The shipped mapping of each source, before any establishment's overrides. */
export const PRESETS: Readonly<Record<Source, ConnectorMapping>> = {
  jira: JIRA_PRESET,
  zammad: ZAMMAD_PRESET,
  glpi: GLPI_PRESET,
  zendesk: ZENDESK_PRESET,
  rt: RT_PRESET,
  generic: GENERIC_PRESET,
};
