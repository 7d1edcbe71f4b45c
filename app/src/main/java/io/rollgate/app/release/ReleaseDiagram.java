package io.rollgate.app.release;

import java.util.List;

/**
 * What the console draws for a release: its process's BPMN and where the release went in it.
 *
 * @param xml the BPMN XML of the process version the release runs
 * @param activeElementIds the elements the release waits in now (empty once it ended)
 * @param completedElementIds the elements it passed through, in the order they started
 * @param takenSequenceFlowIds the sequence flows it took
 */
record ReleaseDiagram(
    String releaseId,
    String xml,
    List<String> activeElementIds,
    List<String> completedElementIds,
    List<String> takenSequenceFlowIds) {}
