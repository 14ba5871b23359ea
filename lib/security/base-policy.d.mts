export declare const baseContentSecurityPolicy: string
export declare const postAssetContentSecurityPolicy: string
export declare const strictTransportSecurity: string
