/** The subsidy context's tables (each part adds its entities here). */
export const SUBSIDIES_ENTITIES: (new () => object)[] = [];
