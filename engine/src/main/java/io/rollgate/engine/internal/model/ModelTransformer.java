package io.rollgate.engine.internal.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import io.rollgate.engine.internal.feel.Feel;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;

/**
 * Turns a BPMN resource into executable {@link ProcessModel}s, or rejects it with every problem
 * found: unsupported elements and attributes, invalid FEEL, structural errors. Nothing that the
 * engine cannot execute faithfully gets through. Each process is built by a {@link ProcessBuilder}
 * with a reader per element family ({@link EventReader}, {@link ActivityReader}, {@link
 * ListenerReader}, {@link LinkedResources}) and wired by {@link FlowWiring}.
 */
public final class ModelTransformer {

  private final Feel feel;

  public ModelTransformer(Feel feel) {
    this.feel = feel;
  }

  /**
   * Parses and checks one BPMN resource.
   *
   * @throws InvalidModelException naming each element that cannot run here
   */
  public List<ProcessModel> transform(String resourceName, byte[] xml) {
    if (feel.checksLimits()) {
      checkNesting(resourceName, xml);
    }
    BpmnModelInstance instance;
    try {
      instance = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (StackOverflowError e) {
      throw new InvalidModelException(resourceName, "it is nested too deeply to read");
    } catch (RuntimeException e) {
      throw new InvalidModelException(
          resourceName, "not a valid BPMN XML document: " + rootMessage(e));
    }
    List<ModelProblem> problems = new ArrayList<>();
    validateWithZeebeRules(instance, problems);
    List<ProcessModel> models = new ArrayList<>();
    Collection<Process> processes = instance.getModelElementsByType(Process.class);
    for (Process process : processes) {
      if (process.isExecutable()) {
        models.add(new ProcessBuilder(process, feel, problems).build());
      }
    }
    if (models.isEmpty() && problems.isEmpty()) {
      throw new InvalidModelException(resourceName, "it contains no executable process");
    }
    if (!problems.isEmpty()) {
      throw new InvalidModelException(resourceName, problems);
    }
    return models;
  }

  /**
   * XML elements nested deeper than this are refused before the model is read: reading, checking
   * and running a model recurse per level. About 90 sub-processes inside each other.
   */
  public static final int MAX_XML_DEPTH = 100;

  /** Refuses a document nested deeper than {@link #MAX_XML_DEPTH}, naming the element. */
  private static void checkNesting(String resourceName, byte[] xml) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    int depth = 0;
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT && ++depth > MAX_XML_DEPTH) {
          String id = reader.getAttributeValue(null, "id");
          throw new InvalidModelException(
              resourceName,
              List.of(
                  new ModelProblem(
                      id == null ? "?" : id,
                      reader.getLocalName(),
                      "elements are nested more than "
                          + MAX_XML_DEPTH
                          + " deep here (sub-processes inside sub-processes?); flatten the"
                          + " model")));
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      // not well-formed: the model reader says why
    }
  }

  private static void validateWithZeebeRules(
      BpmnModelInstance instance, List<ModelProblem> problems) {
    var results = instance.validate(ZeebeDesignTimeValidators.VALIDATORS);
    for (var entry : results.getResults().entrySet()) {
      for (ValidationResult result : entry.getValue()) {
        if (result.getType() == ValidationResultType.ERROR) {
          ModelElementInstance element = entry.getKey();
          problems.add(
              new ModelProblem(
                  idOf(element), element.getElementType().getTypeName(), result.getMessage()));
        }
      }
    }
  }

  static String idOf(ModelElementInstance element) {
    return element instanceof BaseElement base && base.getId() != null ? base.getId() : "?";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
