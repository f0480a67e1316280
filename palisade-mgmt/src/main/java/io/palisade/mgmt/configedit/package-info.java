/** Editing configuration text by YAML path, for {@code OpsService.setCandidateValue} implementations. */
package io.palisade.mgmt.configedit;
