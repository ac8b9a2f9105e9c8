// Generated from /api/v1/openapi.json by openapi-typescript (npm run api:types). Do not edit.
// openapi-client.int.test.ts fails when this file no longer matches the document.

export interface paths {
    "/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List programs
         * @description Needs the `programs:read` scope.
         */
        get: operations["listPrograms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programs/{programId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a program
         * @description Needs the `programs:read` scope.
         */
        get: operations["getProgram"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List offers
         * @description Needs the `offers:read` scope.
         */
        get: operations["listOffers"];
        put?: never;
        /**
         * Create an offer
         * @description Needs the `offers:write` scope.
         */
        post: operations["createOffer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/offers/{offerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an offer
         * @description Needs the `offers:read` scope.
         */
        get: operations["getOffer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update an offer (only the fields sent change)
         * @description Needs the `offers:write` scope.
         */
        patch: operations["updateOffer"];
        trace?: never;
    };
    "/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List partners
         * @description Needs the `partners:read` scope.
         */
        get: operations["listPartners"];
        put?: never;
        /**
         * Add a partner (approved or pending); they get an e-mail to set a password
         * @description Needs the `partners:write` scope.
         */
        post: operations["createPartner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partners/{partnerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a partner
         * @description Needs the `partners:read` scope.
         */
        get: operations["getPartner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a partner's profile or type (only the fields sent change)
         * @description Needs the `partners:write` scope.
         */
        patch: operations["updatePartner"];
        trace?: never;
    };
    "/partners/{partnerId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve, reject, suspend, reactivate or close a partner (approve, reject, suspend, reactivate, close); reject, suspend and close need a reason
         * @description Needs the `partners:write` scope.
         */
        post: operations["changePartnerStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partners/{partnerId}/sponsor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set or clear the partner's sponsor (null clears)
         * @description Needs the `partners:write` scope.
         */
        post: operations["setPartnerSponsor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partners/{partnerId}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the partner's groups
         * @description Needs the `partners:write` scope.
         */
        post: operations["setPartnerGroups"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tracking links
         * @description Needs the `links:read` scope.
         */
        get: operations["listLinks"];
        put?: never;
        /**
         * Create a tracking link for a partner on an offer they can see
         * @description Needs the `links:write` scope.
         */
        post: operations["createLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List conversions
         * @description Needs the `conversions:read` scope.
         */
        get: operations["listConversions"];
        put?: never;
        /**
         * Record a conversion (an alternative to the postback; the same txn_id twice answers the first conversion)
         * @description Needs the `conversions:write` scope.
         */
        post: operations["createConversion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversions/{conversionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a conversion
         * @description Needs the `conversions:read` scope.
         */
        get: operations["getConversion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversions/{conversionId}/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reverse every commission of a conversion (and the overrides paid on them), with a reason the partner sees
         * @description Needs the `conversions:write` scope.
         */
        post: operations["reverseConversion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List coupon codes
         * @description Needs the `coupons:read` scope.
         */
        get: operations["listCoupons"];
        put?: never;
        /**
         * Give an approved partner a coupon code on an offer (unique in the offer's program, whatever its case)
         * @description Needs the `coupons:write` scope.
         */
        post: operations["createCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/coupons/{couponId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a coupon code
         * @description Needs the `coupons:read` scope.
         */
        get: operations["getCoupon"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Pause or resume a coupon code
         * @description Needs the `coupons:write` scope.
         */
        patch: operations["updateCoupon"];
        trace?: never;
    };
    "/creatives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List creatives (banners, text links, HTML snippets, e-mail swipes)
         * @description Needs the `creatives:read` scope.
         */
        get: operations["listCreatives"];
        put?: never;
        /**
         * Add a creative; an image banner's file comes base64-encoded in `file.data` (PNG, JPEG, GIF or WebP, up to 640 KB)
         * @description Needs the `creatives:write` scope.
         */
        post: operations["createCreative"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/creatives/{creativeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a creative
         * @description Needs the `creatives:read` scope.
         */
        get: operations["getCreative"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Archive a creative (it leaves the partners' library and its image URLs stop answering) or restore it
         * @description Needs the `creatives:write` scope.
         */
        patch: operations["updateCreative"];
        trace?: never;
    };
    "/commissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List commissions (status derived from the ledger)
         * @description Needs the `commissions:read` scope.
         */
        get: operations["listCommissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/commissions/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve pending commissions whose hold has ended (others are listed as skipped)
         * @description Needs the `commissions:write` scope.
         */
        post: operations["approveCommissions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/commissions/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject pending commissions, with a reason the partner sees
         * @description Needs the `commissions:write` scope.
         */
        post: operations["rejectCommissions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payout-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List payout batches
         * @description Needs the `payouts:read` scope.
         */
        get: operations["listPayoutBatches"];
        put?: never;
        /**
         * Create a draft batch of every approved balance due in a currency
         * @description Needs the `payouts:write` scope.
         */
        post: operations["createPayoutBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payout-batches/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a payout batch with its partner lines
         * @description Needs the `payouts:read` scope.
         */
        get: operations["getPayoutBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payout-batches/{batchId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a draft batch
         * @description Needs the `payouts:write` scope.
         */
        post: operations["approvePayoutBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payout-batches/{batchId}/paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an approved batch paid, with the payment reference
         * @description Needs the `payouts:write` scope.
         */
        post: operations["markPayoutBatchPaid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payout-batches/{batchId}/failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an approved batch failed, with the reason (balances return to the partners)
         * @description Needs the `payouts:write` scope.
         */
        post: operations["markPayoutBatchFailed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a report: clicks, conversions and commissions over a date range, broken down by up to 3 dimensions
         * @description Needs the `reports:read` scope.
         */
        post: operations["runReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clicks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List clicks (no IP addresses or user agents)
         * @description Needs the `clicks:read` scope.
         */
        get: operations["listClicks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints (never their secrets)
         * @description Needs the `webhooks:read` scope.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Add a webhook endpoint; the answer holds its signing secret, once (Standard Webhooks, whsec_…)
         * @description Needs the `webhooks:write` scope.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-endpoints/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description Needs the `webhooks:read` scope.
         */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Turn a webhook endpoint off or on
         * @description Needs the `webhooks:write` scope.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/partner/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Your stats: run a report over your own clicks, conversions and commissions */
        post: operations["partnerRunReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your attributed conversions */
        get: operations["partnerListConversions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/commissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your commissions */
        get: operations["partnerListCommissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your payouts and balances */
        get: operations["partnerListPayouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your coupon codes */
        get: operations["partnerListCoupons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/creatives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Creatives you may use now (up to 200), with your links to their offers */
        get: operations["partnerListCreatives"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        OfferCreate: {
            name: string;
            /** @default  */
            description?: string;
            landingUrl: string;
            currency: string;
            /** @description Default: the standard set. */
            eventTypes?: string[];
            /** @default 30 */
            attributionWindowDays?: number;
            deepLinkHosts?: string[];
            /**
             * @default all
             * @enum {string}
             */
            visibility?: "all" | "on_request" | "groups" | "hidden";
            programId: string;
        };
        OfferUpdate: {
            name?: string;
            description?: string;
            landingUrl?: string;
            currency?: string;
            /** @description Event types this offer accepts, e.g. ["lead", "sale"]. */
            eventTypes?: string[];
            attributionWindowDays?: number;
            deepLinkHosts?: string[];
            /** @enum {string} */
            visibility?: "all" | "on_request" | "groups" | "hidden";
            /** @enum {string} */
            status?: "active" | "paused" | "archived";
        };
        PartnerCreate: {
            name: string;
            /** Format: email */
            email: string;
            /** @enum {string} */
            status: "approved" | "pending";
            type?: string;
            company?: string;
            website?: string;
            sponsorId?: string;
            managerUserId?: string;
        };
        PartnerUpdate: {
            name?: string;
            contactName?: string;
            company?: string;
            phone?: string;
            website?: string;
            country?: string;
            trafficSources?: string[];
            promotionMethods?: string;
            type?: string;
        };
        PartnerStatusChange: {
            /** @enum {string} */
            action: "approve" | "reject" | "suspend" | "reactivate" | "close";
            reason?: string;
        };
        PartnerSponsorChange: {
            sponsorId: string | null;
            reason?: string;
        };
        PartnerGroupsChange: {
            groupIds: string[];
        };
        LinkCreate: {
            offerId: string;
            label?: string;
            alias?: string;
            partnerId: string;
        };
        /** @description The parameters of the server-to-server postback (see the README), as JSON strings. */
        ConversionCreate: {
            click_id?: string;
            customer_id?: string;
            coupon?: string;
            event: string;
            txn_id: string;
            refund_id?: string;
            amount?: string;
            currency?: string;
            occurred_at?: string;
            lots?: string;
            instrument?: string;
            customer_ip?: string;
            customer_email?: string;
            customer_email_sha256?: string;
            adv1?: string;
            adv2?: string;
            adv3?: string;
            adv4?: string;
            adv5?: string;
            /** @description Required unless the key is limited to one program. */
            programId?: string;
        };
        ConversionReverse: {
            reason: string;
        };
        CouponCreate: {
            partnerId: string;
            offerId: string;
            code: string;
        };
        CouponUpdate: {
            /** @enum {string} */
            status: "active" | "paused";
        };
        CreativeCreate: {
            offerId: string;
            /** @enum {string} */
            kind: "image" | "text_link" | "html" | "email";
            name: string;
            language?: string;
            /** @default [] */
            tags?: string[];
            body?: string;
            subject?: string;
            altText?: string;
            /** Format: date */
            startsOn?: string;
            /** Format: date */
            endsOn?: string;
            /** @default [] */
            groupIds?: string[];
            file?: {
                name: string;
                /** Format: base64 */
                data: string;
            };
        };
        CreativeUpdate: {
            /** @enum {string} */
            status: "active" | "archived";
        };
        CommissionApprove: {
            commissionIds: string[];
            reason?: string;
        };
        CommissionReject: {
            commissionIds: string[];
            reason: string;
        };
        PayoutBatchCreate: {
            currency: string;
        };
        PayoutBatchPaid: {
            reference: string;
        };
        PayoutBatchFailed: {
            reason: string;
        };
        ReportQuery: {
            from: string;
            to: string;
            /** @default [] */
            dimensions?: ("day" | "week" | "month" | "program" | "offer" | "partner" | "link" | "sub1" | "sub2" | "sub3" | "sub4" | "sub5" | "country" | "device" | "os" | "browser" | "utm_source" | "utm_medium" | "utm_campaign" | "event" | "partner_type" | "partner_group")[];
            /** @default {} */
            filters?: {
                program?: string;
                offer?: string;
                partner?: string;
                link?: string;
                sub1?: string;
                sub2?: string;
                sub3?: string;
                sub4?: string;
                sub5?: string;
                country?: string;
                device?: string;
                os?: string;
                browser?: string;
                utm_source?: string;
                utm_medium?: string;
                utm_campaign?: string;
                event?: string;
                partner_type?: string;
                partner_group?: string;
            };
            /** @default false */
            compare?: boolean;
            /**
             * @default {
             *       "by": "clicks",
             *       "dir": "desc"
             *     }
             */
            sort?: {
                by: string;
                /** @enum {string} */
                dir: "asc" | "desc";
            };
            /** @default 1 */
            page?: number;
            /** @default 50 */
            pageSize?: number;
        };
        WebhookEndpointCreate: {
            url: string;
            /** @default  */
            description?: string;
            /** @default [] */
            events?: ("partner.applied" | "partner.approved" | "partner.rejected" | "partner.suspended" | "conversion.recorded" | "commission.approved" | "commission.rejected" | "commission.reversed" | "payout_batch.approved" | "payout_batch.paid" | "fraud.hold")[];
        };
        WebhookEndpointUpdate: {
            enabled: boolean;
        };
        ProgramList: {
            data: components["schemas"]["Program"][];
        };
        Program: {
            id: string;
            name: string;
            /** @enum {string} */
            status: "active" | "archived";
            defaultCurrency: string;
            timeZone: string;
            signUpMode: string;
            /** @description Offers that are not archived. */
            offers: number;
            /** Format: date-time */
            createdAt: string;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            /** @description Stable machine-readable reason, e.g. validation_failed, not_found, insufficient_scope. */
            code: string;
            detail?: string;
            /** @description Every bad field, by its path in the body or the name of the parameter. */
            errors: {
                field: string;
                message: string;
            }[];
        };
        OfferPage: {
            data: components["schemas"]["Offer"][];
            nextCursor: string | null;
        };
        Offer: {
            id: string;
            programId: string;
            name: string;
            description: string | null;
            /** @enum {string} */
            status: "active" | "paused" | "archived";
            /** @enum {string} */
            visibility: "all" | "on_request" | "groups" | "hidden";
            landingUrl: string;
            currency: string;
            eventTypes: string[];
            attributionWindowDays: number;
            deepLinkHosts: string[];
            holdDays: number;
            autoApprove: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        PartnerPage: {
            data: components["schemas"]["Partner"][];
            nextCursor: string | null;
        };
        Partner: {
            id: string;
            name: string;
            email: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "suspended" | "closed";
            statusReason: string | null;
            type: string;
            contactName: string | null;
            company: string | null;
            phone: string | null;
            website: string | null;
            country: string | null;
            trafficSources: string[];
            promotionMethods: string | null;
            /** @description The partner who recruited this one (multi-tier overrides). */
            sponsorId: string | null;
            managerUserId: string | null;
            groupIds: string[];
            /** Format: date-time */
            createdAt: string;
        };
        LinkPage: {
            data: components["schemas"]["Link"][];
            nextCursor: string | null;
        };
        Link: {
            id: string;
            code: string;
            alias: string | null;
            label: string | null;
            partnerId: string;
            offerId: string;
            /** @enum {string} */
            status: "active" | "paused";
            /** Format: date-time */
            createdAt: string;
        };
        ConversionPage: {
            data: components["schemas"]["Conversion"][];
            nextCursor: string | null;
        };
        Conversion: {
            id: string;
            programId: string;
            offerId: string;
            /** @description The partner it is attributed to, once attributed. */
            partnerId: string | null;
            event: string;
            txnId: string;
            /** @description Integer minor units of `currency`. */
            amount: number | null;
            currency: string | null;
            clickId: string | null;
            customerId: string | null;
            couponCode: string | null;
            /** @enum {string} */
            attributionStatus: "pending" | "attributed" | "unattributed";
            /** @enum {string} */
            fraudStatus: "clear" | "flagged" | "held" | "rejected";
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        ConversionCreated: {
            /** @enum {string} */
            status: "accepted" | "duplicate";
            conversion: components["schemas"]["Conversion"];
        };
        ConversionReversed: {
            conversion: components["schemas"]["Conversion"];
            reversedCommissionIds: string[];
        };
        CouponPage: {
            data: components["schemas"]["Coupon"][];
            nextCursor: string | null;
        };
        Coupon: {
            id: string;
            /** @description Stored upper-case; matched case-insensitively when a conversion reports it. */
            code: string;
            programId: string;
            offerId: string;
            partnerId: string;
            /**
             * @description A paused code credits nobody.
             * @enum {string}
             */
            status: "active" | "paused";
            /** Format: date-time */
            createdAt: string;
        };
        CreativePage: {
            data: components["schemas"]["Creative"][];
            nextCursor: string | null;
        };
        Creative: {
            id: string;
            offerId: string;
            /** @enum {string} */
            kind: "image" | "text_link" | "html" | "email";
            name: string;
            /**
             * @description Archived creatives leave the partners' library.
             * @enum {string}
             */
            status: "active" | "archived";
            language: string | null;
            tags: string[];
            /** @description text_link: the words; html: the snippet ({link} marks the tracking link); email: the swipe's body. */
            body: string | null;
            subject: string | null;
            altText: string | null;
            fileType: string | null;
            fileSize: number | null;
            fileName: string | null;
            width: number | null;
            height: number | null;
            /** @description Goes up each time the banner's file is replaced. */
            version: number;
            startsAt: string | null;
            endsAt: string | null;
            /** @description Shown to these partner groups only; empty: to everyone who sees the offer. */
            groupIds: string[];
            impressions: number;
            /** Format: date-time */
            createdAt: string;
        };
        CommissionPage: {
            data: components["schemas"]["Commission"][];
            nextCursor: string | null;
        };
        Commission: {
            id: string;
            /** @description event, override or settlement */
            kind: string;
            partnerId: string;
            offerId: string;
            conversionId: string | null;
            /** @description Integer minor units of `currency`. */
            amount: number;
            currency: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "paid" | "reversed";
            holdUntil: string | null;
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        CommissionReviewResult: {
            changed: string[];
            skipped: {
                id: string;
                status: string;
                reason?: string;
            }[];
        };
        PayoutBatchPage: {
            data: components["schemas"]["PayoutBatch"][];
            nextCursor: string | null;
        };
        PayoutBatch: {
            id: string;
            currency: string;
            /** @enum {string} */
            status: "draft" | "approved" | "paid" | "failed";
            /** @description Integer minor units of `currency`. */
            total: number;
            itemCount: number;
            partnerCount: number;
            reference: string | null;
            failureReason: string | null;
            period: string | null;
            scheduled: boolean;
            approvedAt: string | null;
            paidAt: string | null;
            failedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description `batch` is null when nobody is due. */
        PayoutBatchCreated: {
            batch: components["schemas"]["PayoutBatchDetail"] | null;
            skipped: {
                partnerId: string;
                name: string;
                reason: string;
            }[];
        };
        PayoutBatchDetail: {
            id: string;
            currency: string;
            /** @enum {string} */
            status: "draft" | "approved" | "paid" | "failed";
            /** @description Integer minor units of `currency`. */
            total: number;
            itemCount: number;
            partnerCount: number;
            reference: string | null;
            failureReason: string | null;
            period: string | null;
            scheduled: boolean;
            approvedAt: string | null;
            paidAt: string | null;
            failedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            lines: components["schemas"]["PayoutLine"][];
        };
        PayoutLine: {
            partnerId: string;
            name: string;
            amount: number;
            currency: string;
            method: string | null;
        };
        ReportResult: {
            dimensions: string[];
            metrics: string[];
            rows: {
                key: {
                    [key: string]: string;
                };
                label: {
                    [key: string]: string;
                };
                values: components["schemas"]["ReportValues"];
                previous?: components["schemas"]["ReportValues"];
            }[];
            total: number;
            totals: components["schemas"]["ReportValues"];
            previousTotals?: components["schemas"]["ReportValues"];
            currencies: string[];
            events: string[];
            timeZone: string;
            range: {
                from: string;
                to: string;
            };
            previousRange?: {
                from: string;
                to: string;
            };
        };
        ReportValues: {
            /** @description Banner impressions; kept per program, offer and partner only. */
            impressions: number;
            clicks: number;
            uniqueClicks: number;
            conversions: number;
            byEvent: {
                [key: string]: number;
            };
            conversionRate: number;
            /** @description Amounts by ISO 4217 currency, in minor units. */
            revenue: {
                [key: string]: number;
            };
            /** @description Amounts by ISO 4217 currency, in minor units. */
            commissionPending: {
                [key: string]: number;
            };
            /** @description Amounts by ISO 4217 currency, in minor units. */
            commissionApproved: {
                [key: string]: number;
            };
            /** @description Amounts by ISO 4217 currency, in minor units. */
            commissionPaid: {
                [key: string]: number;
            };
            /** @description Amounts by ISO 4217 currency, in minor units. */
            commissionReversed: {
                [key: string]: number;
            };
            epc: {
                [key: string]: number;
            };
            /** @description Amounts by ISO 4217 currency, in minor units. */
            margin: {
                [key: string]: number;
            };
        };
        ClickPage: {
            data: components["schemas"]["Click"][];
            nextCursor: string | null;
        };
        Click: {
            id: string;
            linkId: string;
            partnerId: string;
            offerId: string;
            country: string | null;
            deviceType: string | null;
            os: string | null;
            browser: string | null;
            isBot: boolean;
            sub1: string | null;
            sub2: string | null;
            sub3: string | null;
            sub4: string | null;
            sub5: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookEndpointList: {
            data: components["schemas"]["WebhookEndpoint"][];
        };
        WebhookEndpoint: {
            id: string;
            url: string;
            description: string;
            /** @description Empty: every event type. */
            events: ("partner.applied" | "partner.approved" | "partner.rejected" | "partner.suspended" | "conversion.recorded" | "commission.approved" | "commission.rejected" | "commission.reversed" | "payout_batch.approved" | "payout_batch.paid" | "fraud.hold")[];
            enabled: boolean;
            /** @description The secret's last characters, to tell secrets apart. */
            secretTail: string;
            /** @description Until when the rotated-out secret still signs beside the new one. */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookEndpointCreated: {
            id: string;
            url: string;
            description: string;
            /** @description Empty: every event type. */
            events: ("partner.applied" | "partner.approved" | "partner.rejected" | "partner.suspended" | "conversion.recorded" | "commission.approved" | "commission.rejected" | "commission.reversed" | "payout_batch.approved" | "payout_batch.paid" | "fraud.hold")[];
            enabled: boolean;
            /** @description The secret's last characters, to tell secrets apart. */
            secretTail: string;
            /** @description Until when the rotated-out secret still signs beside the new one. */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Verify each message's webhook-signature with it. */
            secret: string;
        };
        PartnerConversionPage: {
            data: components["schemas"]["PartnerConversion"][];
            nextCursor: string | null;
        };
        PartnerConversion: {
            id: string;
            programId: string;
            offerId: string;
            /** @description The partner it is attributed to, once attributed. */
            partnerId: string | null;
            event: string;
            txnId: string;
            /** @description Integer minor units of `currency`. */
            amount: number | null;
            currency: string | null;
            clickId: string | null;
            couponCode: string | null;
            /** @enum {string} */
            attributionStatus: "pending" | "attributed" | "unattributed";
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        PartnerCommissionPage: {
            data: components["schemas"]["Commission"][];
            nextCursor: string | null;
        };
        PartnerPayouts: {
            data: components["schemas"]["PartnerPayout"][];
            balances: components["schemas"]["PartnerBalance"][];
        };
        PartnerPayout: {
            batchId: string;
            status: string;
            reference: string | null;
            amount: number;
            currency: string;
            method: string | null;
            /** Format: date-time */
            createdAt: string;
            paidAt: string | null;
        };
        PartnerBalance: {
            currency: string;
            pending: number;
            approved: number;
            paid: number;
        };
        PartnerCoupons: {
            data: components["schemas"]["PartnerCoupon"][];
        };
        PartnerCoupon: {
            id: string;
            /** @description Stored upper-case; matched case-insensitively when a conversion reports it. */
            code: string;
            offerId: string;
            /**
             * @description A paused code credits nobody.
             * @enum {string}
             */
            status: "active" | "paused";
            /** Format: date-time */
            createdAt: string;
            offerName: string;
        };
        PartnerCreatives: {
            data: components["schemas"]["PartnerCreative"][];
        };
        PartnerCreative: {
            id: string;
            offerId: string;
            /** @enum {string} */
            kind: "image" | "text_link" | "html" | "email";
            name: string;
            language: string | null;
            tags: string[];
            /** @description text_link: the words; html: the snippet ({link} marks the tracking link); email: the swipe's body. */
            body: string | null;
            subject: string | null;
            altText: string | null;
            fileType: string | null;
            width: number | null;
            height: number | null;
            /** @description Goes up each time the banner's file is replaced. */
            version: number;
            endsAt: string | null;
            offerName: string;
            /** @description Your active links to the creative's offer, to build the snippet from. */
            links: {
                linkId: string;
                code: string;
                alias: string | null;
                label: string | null;
            }[];
            /** @description Your banner impressions of it. */
            impressions: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listPrograms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramList"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProgram: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                programId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Program"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOffers: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                status?: "active" | "paused" | "archived";
                programId?: string;
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferPage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOffer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfferCreate"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Offer"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOffer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                offerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Offer"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOffer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                offerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfferUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Offer"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPartners: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                status?: "pending" | "approved" | "rejected" | "suspended" | "closed";
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerPage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPartner: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartnerCreate"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Partner"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPartner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Partner"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updatePartner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartnerUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Partner"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changePartnerStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartnerStatusChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Partner"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setPartnerSponsor: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartnerSponsorChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Partner"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setPartnerGroups: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartnerGroupsChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Partner"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLinks: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                partnerId?: string;
                offerId?: string;
                status?: "active" | "paused";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkPage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createLink: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkCreate"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Link"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listConversions: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                offerId?: string;
                partnerId?: string;
                event?: string;
                attributionStatus?: "pending" | "attributed" | "unattributed";
                fraudStatus?: "clear" | "flagged" | "held" | "rejected";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversionPage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createConversion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConversionCreate"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversionCreated"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getConversion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversion"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reverseConversion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path: {
                conversionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConversionReverse"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversionReversed"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCoupons: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                partnerId?: string;
                offerId?: string;
                status?: "active" | "paused";
                /** @description The exact code, in any case. */
                code?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouponPage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createCoupon: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CouponCreate"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Coupon"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                couponId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Coupon"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                couponId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CouponUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Coupon"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCreatives: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                offerId?: string;
                kind?: "image" | "text_link" | "html" | "email";
                status?: "active" | "archived";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreativePage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createCreative: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreativeCreate"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Creative"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCreative: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                creativeId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Creative"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateCreative: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                creativeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreativeUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Creative"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCommissions: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                status?: "pending" | "approved" | "rejected" | "paid" | "reversed";
                offerId?: string;
                partnerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommissionPage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveCommissions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommissionApprove"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommissionReviewResult"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectCommissions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommissionReject"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommissionReviewResult"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPayoutBatches: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                status?: "draft" | "approved" | "paid" | "failed";
                currency?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayoutBatchPage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPayoutBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PayoutBatchCreate"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayoutBatchCreated"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPayoutBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayoutBatchDetail"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approvePayoutBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayoutBatchDetail"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markPayoutBatchPaid: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PayoutBatchPaid"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayoutBatchDetail"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markPayoutBatchFailed: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PayoutBatchFailed"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayoutBatchDetail"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    runReport: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportQuery"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportResult"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listClicks: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                partnerId?: string;
                offerId?: string;
                linkId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClickPage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first answer again; another body with the same key is a 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointCreate"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointCreated"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    partnerRunReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportQuery"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportResult"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    partnerListConversions: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                event?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerConversionPage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    partnerListCommissions: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Items per page, 1 to 100. */
                limit?: number;
                /** @description Only items created at or after this instant (ISO 8601). */
                createdAfter?: string;
                /** @description Only items created before this instant (ISO 8601). */
                createdBefore?: string;
                status?: "pending" | "approved" | "rejected" | "paid" | "reversed";
                offerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerCommissionPage"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    partnerListPayouts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerPayouts"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    partnerListCoupons: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerCoupons"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    partnerListCreatives: {
        parameters: {
            query?: {
                offerId?: string;
                kind?: "image" | "text_link" | "html" | "email";
                language?: string;
                size?: string;
                tag?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerCreatives"];
                };
            };
            /** @description No live key or token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong kind of credential, or a scope is missing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: every bad field is named */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
