package dev.live.processor.read;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;

/**
 * Types as the source spells them. javac turns a parameterized type that does not exist yet
 * (such as {@code TaskQuery<Task>}, generated in the very round that reads it) into an error type
 * named {@code <any>}; the source tree still has its name.
 */
public final class WrittenTypes {
  private final Optional<Trees> trees;

  private WrittenTypes(Optional<Trees> trees) {
    this.trees = trees;
  }

  /** Source trees of javac; none with a compiler that does not offer them. */
  public static WrittenTypes of(ProcessingEnvironment environment) {
    try {
      return new WrittenTypes(Optional.of(Trees.instance(environment)));
    } catch (IllegalArgumentException | LinkageError e) {
      return none();
    }
  }

  /** Without source trees: types are known by what the compiler resolved. */
  public static WrittenTypes none() {
    return new WrittenTypes(Optional.empty());
  }

  /** The single-type imports of the file declaring {@code method}, such as {@code com.example.TaskQuery}. */
  List<String> imports(ExecutableElement method) {
    return trees.map(t -> t.getPath(method))
        .map(path -> path.getCompilationUnit().getImports().stream()
            .filter(i -> !i.isStatic())
            .map(i -> i.getQualifiedIdentifier().toString())
            .toList())
        .orElse(List.of());
  }

  /** The return type of {@code method} as written, such as {@code TaskQuery<Task>}. */
  Optional<String> returnType(ExecutableElement method) {
    return trees.map(t -> t.getTree(method)).map(MethodTree::getReturnType).map(Tree::toString);
  }
}
