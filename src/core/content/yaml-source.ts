/** The YAML reader moved to the ground floor (src/core/yaml); kept so imports made before the move still work. */
export * from '../yaml/yaml-source';
