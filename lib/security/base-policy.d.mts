export declare const baseContentSecurityPolicy: string
