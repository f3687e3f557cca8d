;redcode-94
;name offline r49 s262
;author drq offline generator
;strategy mutated r49s35: crossover: the mate's vampire block added; crossover: the mate's vampire block replaces ours
;header
        SPL.B  $10, $0
        JMP.B  $4, $0
;block clear 3
        DAT.AB #0, #8
        DAT.F  #0, #8
        SPL.B  #0, #8
        MOV.I  $-1, >-3
        DJN.B  $-1, #-9
        SPL.B  #0, $0
        MOV.I  $-5, >-6
        DJN.F  $-1, >-7
;block vampire 0
        ADD.F  $5, $4
        MOV.I  $3, @3
        DJN.B  $-2, #341
        JMP.B  $7, $0
        JMP.B  $2, $0
        DAT.F  #-2924, #2924
        SPL.B  #0, $0
        JMP.B  $-1, $0
        DAT.F  #0, #5
        DAT.F  #0, #5
        SPL.B  #0, $0
        MOV.I  $-2, >-3
        DJN.F  $-1, >-4
        end     0
