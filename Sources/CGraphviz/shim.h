// Graphviz's layout-and-render context (gvc) and graph library (cgraph),
// from Debian's libgraphviz-dev (pkg-config libgvc).
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
