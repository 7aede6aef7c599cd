// libyaml, the C YAML parser (Debian: libyaml-dev), which the questionnaire loader reads events from.
#include <yaml.h>
